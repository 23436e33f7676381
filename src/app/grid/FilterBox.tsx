// A small box to filter one column by text (contains, case-insensitive) in
// the personal view. Enter applies, an empty text removes the filter, Esc closes.
import { onMount } from 'solid-js';

export function FilterBox(props: { x: number; y: number; label: string; initial: string; placeholder: string; onApply: (text: string) => void; onClose: () => void }) {
  let el!: HTMLInputElement;
  onMount(() => {
    el.value = props.initial;
    el.focus();
    el.select();
  });
  return (
    <div class="sg-filterbox" role="dialog" aria-label={props.label} style={{ left: `${props.x}px`, top: `${props.y}px` }} onPointerDown={(e) => e.stopPropagation()}>
      <label>
        <span>{props.label}</span>
        <input
          ref={el}
          type="search"
          placeholder={props.placeholder}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Enter') {
              props.onApply(el.value);
              props.onClose();
            } else if (e.key === 'Escape') props.onClose();
          }}
          onBlur={() => {
            props.onApply(el.value);
            props.onClose();
          }}
        />
      </label>
    </div>
  );
}
