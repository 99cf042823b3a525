/**
 * What the CPU benchmark programs print, recorded from qemu-arm 7.2 (`qemu-arm -cpu ti925t <image> [n]`),
 * an independent ARM implementation: at each program's built-in iteration count ("full") and with
 * argument "1" (the reduced size `test/bench-programs.test.ts` runs on arm-core). `fullInstructions` and
 * `reducedInstructions` are the dynamic instruction counts of the two runs, counted under qemu-arm with `-singlestep -d
 * exec,nochain` (one logged translation block per executed instruction, condition-failed ones included).
 * The test re-checks the outputs against qemu-arm whenever it is installed.
 */
export const BENCH_PROGRAMS = ['crc32', 'sort', 'matmul', 'strings', 'interp', 'sieve'] as const;
export type BenchProgram = (typeof BENCH_PROGRAMS)[number];

export interface ExpectedOutput {
  /** Built-in iteration count (no argument). */
  readonly iterations: number;
  /** Dynamic instruction count of the full run. */
  readonly fullInstructions: number;
  readonly full: string;
  readonly reduced: string;
  readonly reducedInstructions: number;
}

export const EXPECTED_OUTPUT: Readonly<Record<BenchProgram, ExpectedOutput>> = {
  crc32: {
    iterations: 100,
    fullInstructions: 20087089,
    full: 'crc32 iterations 100\ncheck cbf43926\ntable 7b999e51\nbitwise f10ffadc\nmismatches 00000000\ntotal 28affa01\n',
    reduced: 'crc32 iterations 1\ncheck cbf43926\ntable 13b78546\nbitwise 5f73d227\nmismatches 00000000\ntotal 19a2e5d5\n',
    reducedInstructions: 214028,
  },
  sort: {
    iterations: 32,
    fullInstructions: 20038034,
    full: 'sort iterations 32\nquicksort 5162c596\ninsertion 80f859ed\nunsorted 00000000\ntotal 3f5650b9\n',
    reduced: 'sort iterations 1\nquicksort 91e4d88c\ninsertion 363e0be3\nunsorted 00000000\ntotal 63eb8bb7\n',
    reducedInstructions: 628535,
  },
  matmul: {
    iterations: 46,
    fullInstructions: 20200346,
    full: 'matmul iterations 46\nproduct e0d00ac2\nsecond 744ba54e\ntotal 3156df6b\n',
    reduced: 'matmul iterations 1\nproduct e24be2e4\nsecond 60e9de6e\ntotal e7a79f0b\n',
    reducedInstructions: 440134,
  },
  strings: {
    iterations: 28,
    fullInstructions: 20257075,
    full: 'strings iterations 28\nlines db9918e3\ncopy b2602ef9\ntokens 7af0713e\nreverse 42647ca1\ntotal 3983e3de\n',
    reduced: 'strings iterations 1\nlines 8d5ee1e0\ncopy 569a480b\ntokens 4031c861\nreverse 779cbd48\ntotal efe05b01\n',
    reducedInstructions: 740954,
  },
  interp: {
    iterations: 16,
    fullInstructions: 19439657,
    full: 'interp iterations 16\nprogram 000000e6\nresults 86eac35a\nexecuted 000e4826\nerrors 00000000\ntotal 0b11271a\n',
    reduced: 'interp iterations 1\nprogram 000000e6\nresults 3f415f9f\nexecuted 00012cb5\nerrors 00000000\ntotal 855cdef7\n',
    reducedInstructions: 1604243,
  },
  sieve: {
    iterations: 19,
    fullInstructions: 20465206,
    full: 'sieve iterations 19\ncount bc29d6f6\nsum daa2e3dd\ngap d92f164d\ntotal 968966ec\n',
    reduced: 'sieve iterations 1\ncount dd6f450f\nsum 50eb8dbc\ngap 3314226d\ntotal 0ac36112\n',
    reducedInstructions: 1034535,
  },
};
