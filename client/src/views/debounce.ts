// Runs a function once a burst of calls has settled (diagnostics arrive file by file).
export function debounce(fn: () => void, ms: number): { (): void; dispose(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
  call.dispose = () => clearTimeout(timer);
  return call;
}
