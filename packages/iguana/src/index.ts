export { RangeAllocator } from './range-allocator.js';
