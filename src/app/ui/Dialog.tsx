// A modal on the native <dialog>: focus is trapped and Esc closes, for free.
import { onCleanup, onMount, type JSX } from 'solid-js';

export function Dialog(props: { title: string; onClose: () => void; testid?: string; children: JSX.Element }): JSX.Element {
  let el!: HTMLDialogElement;
  onMount(() => el.showModal());
  onCleanup(() => el.open && el.close());
  return (
    <dialog ref={el} class="dialog" aria-label={props.title} data-testid={props.testid} onCancel={(e) => { e.preventDefault(); props.onClose(); }}>
      <h2>{props.title}</h2>
      {props.children}
    </dialog>
  );
}
