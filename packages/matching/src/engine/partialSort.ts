/**
 * The first `k` of `items` in increasing `dist`, with ties resolved exactly as GNU libstdc++'s
 * `std::partial_sort` resolves them (heap select, then heap sort of the kept prefix). MatchIt's
 * C++ picks among equally distant candidates this way, so matched sets only agree when ties go
 * the same way. Written from the documented heap algorithm (Williams' binary heap with the
 * "hole" sift-down then sift-up used by libstdc++).
 */
export function heapPartialSort(ids: number[], dist: number[], k: number): number[] {
  const a = ids.map((_, i) => i);
  const less = (x: number, y: number): boolean => dist[x]! < dist[y]!;
  const pushUp = (hole0: number, top: number, value: number): void => {
    let hole = hole0;
    let parent = Math.floor((hole - 1) / 2);
    while (hole > top && less(a[parent]!, value)) {
      a[hole] = a[parent]!;
      hole = parent;
      parent = Math.floor((hole - 1) / 2);
    }
    a[hole] = value;
  };
  const adjust = (hole0: number, len: number, value: number): void => {
    const top = hole0;
    let hole = hole0;
    let child = hole0;
    while (child < Math.floor((len - 1) / 2)) {
      child = 2 * (child + 1);
      if (less(a[child]!, a[child - 1]!)) child--;
      a[hole] = a[child]!;
      hole = child;
    }
    if ((len & 1) === 0 && child === Math.floor((len - 2) / 2)) {
      child = 2 * (child + 1);
      a[hole] = a[child - 1]!;
      hole = child - 1;
    }
    pushUp(hole, top, value);
  };
  const makeHeap = (len: number): void => {
    if (len < 2) return;
    let parent = Math.floor((len - 2) / 2);
    for (;;) {
      adjust(parent, len, a[parent]!);
      if (parent === 0) return;
      parent--;
    }
  };
  // pop_heap(first, last, result): the top goes to `result`, the old *result sifts in.
  const popHeap = (len: number, result: number): void => {
    const value = a[result]!;
    a[result] = a[0]!;
    adjust(0, len, value);
  };
  makeHeap(k);
  for (let i = k; i < a.length; i++) if (less(a[i]!, a[0]!)) popHeap(k, i);
  for (let last = k; last > 1; ) {
    last--;
    popHeap(last, last);
  }
  const out: number[] = [];
  for (let i = 0; i < k; i++) out.push(ids[a[i]!]!);
  return out;
}

/**
 * MatchIt's final choice among the candidates found for one treated unit: kept as found when
 * they are few and already in order, the `k` nearest by {@link heapPartialSort} when there are
 * more, else a stable sort (libstdc++ sorts such short ranges by insertion sort, which is stable).
 */
export function pickNearest(ids: number[], dist: number[], k: number): number[] {
  const n = ids.length;
  if (n <= 1) return ids;
  if (n > k) return heapPartialSort(ids, dist, k);
  let sorted = true;
  for (let i = 1; i < n; i++) if (dist[i]! < dist[i - 1]!) sorted = false;
  if (sorted) return ids;
  return ids
    .map((id, i) => ({ id, d: dist[i]!, i }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .map((x) => x.id);
}
