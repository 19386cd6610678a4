// The node contract lives in @remotemedia/contract; re-exported here for core's own modules.
export type * from '@remotemedia/contract';
