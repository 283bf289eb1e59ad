/** Saves text as a file through a download link: no permission needed. */
export function download(parts: BlobPart[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
