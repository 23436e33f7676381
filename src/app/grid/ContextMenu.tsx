// The row/cell context menu (right click, the Menu key or Shift+F10).
import { For, onMount } from 'solid-js';

export interface MenuItem {
  label: string;
  run: () => void;
  disabled?: boolean;
}

export function ContextMenu(props: { x: number; y: number; items: MenuItem[]; onClose: () => void; label: string }) {
  let el!: HTMLDivElement;
  onMount(() => {
    // Keep the menu inside the grid's box (a right click near the bottom or right edge).
    const box = el.offsetParent?.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    if (box) {
      if (r.bottom > box.bottom) el.style.top = `${Math.max(0, props.y - (r.bottom - box.bottom) - 4)}px`;
      if (r.right > box.right) el.style.left = `${Math.max(0, props.x - (r.right - box.right) - 4)}px`;
    }
    (el.querySelector('button:not([disabled])') as HTMLButtonElement | null)?.focus();
  });
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    const buttons = Array.from(el.querySelectorAll<HTMLButtonElement>('button:not([disabled])'));
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      props.onClose();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      buttons[(i + 1) % buttons.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      buttons[(i - 1 + buttons.length) % buttons.length]?.focus();
    }
  };
  return (
    <div ref={el} class="sg-menu" role="menu" aria-label={props.label} style={{ left: `${props.x}px`, top: `${props.y}px` }} onKeyDown={onKeyDown} onPointerDown={(e) => e.stopPropagation()}>
      <For each={props.items}>
        {(item) => (
          <button
            type="button"
            role="menuitem"
            disabled={item.disabled}
            onClick={() => {
              props.onClose();
              item.run();
            }}
          >
            {item.label}
          </button>
        )}
      </For>
    </div>
  );
}
