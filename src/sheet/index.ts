// The Y.Doc model of one sheet. See doc.ts for the layout, cells.ts for how
// same-cell conflicts are kept.
export * from './doc';
export * from './cells';
export * from './rows';
export * from './records';
export * from './templates';
export * from './judgements';
