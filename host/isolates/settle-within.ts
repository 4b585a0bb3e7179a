/**
 * Resolves with what `work` resolves with, or with `value` once `ms` have
 * passed, whichever comes first; the timer is cleared once `work` settles.
 * A rejection of `work` is passed on: callers turn failures into values first.
 */
export async function settleWithin<T, L>(work: Promise<T>, ms: number, value: L): Promise<T | L> {
  let timer = 0;
  const late = new Promise<L>((resolve) => {
    timer = setTimeout(() => resolve(value), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
