// What the dialogs take from and give to the sheet's Y.Doc on the UI thread
// (the Y.Doc lives here; parsing and checking happen in the worker).
export { existingRowsOf as existingRows } from '../../files/sheet-rows';

/** Lets the browser save bytes as a file. */
export function saveBytes(bytes: Uint8Array, fileName: string): void {
  const type = fileName.endsWith('.csv') ? 'text/csv;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from the sheet's name: letters, digits, dashes. */
export function fileBaseName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'lembar'
  );
}
