export { PAPER_CONTEXT_SWITCH_US, PAPER_COMMUNICATION, PAPER_MEMORY_IN_USE_MB, COMMUNICATION_UNITS } from './paper.js';
export { sizeAndMeasure, formatLatency, formatBandwidth, type SizingOptions, type SizedResult, type TimedBody } from './timing-harness.js';
