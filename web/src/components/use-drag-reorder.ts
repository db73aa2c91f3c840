import { useState } from 'preact/hooks';

/**
 * Drag-to-reorder for the rows of an ordered list (a dossier's items, the home page's
 * features): the props of row `index`, which call `move(from, to)` on a drop. Keyboard
 * users reorder with the lists' own Move up / Move down buttons.
 */
export function useDragReorder(move: (from: number, to: number) => void) {
  const [dragged, setDragged] = useState<number | undefined>(undefined);
  return (index: number) => ({
    class: `dossier-item${dragged === index ? ' dossier-item-dragged' : ''}`,
    draggable: true,
    onDragStart(event: DragEvent) {
      setDragged(index);
      event.dataTransfer?.setData('text/plain', String(index));
    },
    onDragOver(event: DragEvent) {
      event.preventDefault();
    },
    onDrop(event: DragEvent) {
      event.preventDefault();
      const from = Number(event.dataTransfer?.getData('text/plain') ?? dragged);
      if (Number.isInteger(from)) move(from, index);
      setDragged(undefined);
    },
    onDragEnd() {
      setDragged(undefined);
    },
  });
}
