/** A DOM change as a MutationObserver reports it: what kind, and on which node. */
export type DomChange = Pick<MutationRecord, 'type' | 'target'>;

const ELEMENT_NODE = 1;

/**
 * The element whose place in the page says whether a change can matter: for children added or
 * removed, the element they belong to (a quiet region's own children are its inside); for an
 * attribute, the element's parent (a region's own attributes, such as Facebook's conversation
 * label on its message list, are read); for a text, the element it is in. Null where there is
 * no such element (a shadow root's or the document's own children, the root element's
 * attributes): such a change is never quiet.
 */
function placeOf({ type, target }: DomChange): Element | null {
  if (type === 'childList') return target.nodeType === ELEMENT_NODE ? (target as Element) : null;
  return target.parentElement;
}

/**
 * Whether every change of a batch lies inside one of the adapter's quiet regions (`quiet`: their
 * selectors, as one selector list), so that the batch cannot change who is shown and the page
 * need not be looked at. A region replaced or removed is a change to its parent, which is not
 * inside it: a chat opened is looked at. Each element's answer is found once per batch (a batch
 * of rows appended to one list costs one `closest`). Pure: reads the nodes' places in the page,
 * changes nothing.
 */
export function onlyQuietChanges(changes: Iterable<DomChange>, quiet: string): boolean {
  const known = new Map<Element, boolean>();
  for (const change of changes) {
    const place = placeOf(change);
    if (!place) return false;
    let inside = known.get(place);
    if (inside === undefined) {
      inside = place.closest(quiet) !== null;
      known.set(place, inside);
    }
    if (!inside) return false;
  }
  return true;
}
