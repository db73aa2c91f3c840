/**
 * Typed arrays carved out of one ArrayBuffer. glibc serves an allocation under its mmap
 * threshold from its heap, and that threshold grows (up to 32 MiB) as large blocks are
 * freed: the index's columns of a few MiB each would then stay in the process after they
 * are replaced. One large block is mapped and unmapped whole, so the memory of a replaced
 * index goes back to the system, and pages never written are never resident.
 */

type ArrayKind = Int32ArrayConstructor | Uint32ArrayConstructor | Float64ArrayConstructor | Uint8ArrayConstructor | Uint16ArrayConstructor;

export type Carved<Spec extends Record<string, readonly [ArrayKind, number]>> = { [Name in keyof Spec]: InstanceType<Spec[Name][0]> };

export function carve<const Spec extends Record<string, readonly [ArrayKind, number]>>(spec: Spec): Carved<Spec> {
  let bytes = 0;
  const offsets: [string, ArrayKind, number, number][] = [];
  for (const [name, [Kind, length]] of Object.entries(spec)) {
    bytes = Math.ceil(bytes / 8) * 8;
    offsets.push([name, Kind, bytes, length]);
    bytes += Kind.BYTES_PER_ELEMENT * length;
  }
  const buffer = new ArrayBuffer(Math.max(8, bytes));
  return Object.fromEntries(offsets.map(([name, Kind, offset, length]) => [name, new Kind(buffer, offset, length)])) as Carved<Spec>;
}
