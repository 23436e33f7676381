// Public surface of src/files (no DOM, no Yjs here except where noted: usable by the worker, the CLI and the server).
export { readTable, sniffFormat } from './read';
export { FileReadError, isFileReadError, type FileErrorCode } from './errors';
export { cellText, DEFAULT_LIMITS, type Cell, type CellType, type MergedRange, type ReadOptions, type Row, type Table, type TableFormat, type Worksheet } from './table';
