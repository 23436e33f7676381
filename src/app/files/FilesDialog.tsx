// The modal both dialogs sit in: the native <dialog> (focus trap, Esc to close).
import { onCleanup, onMount, type JSX } from 'solid-js';
import './files.css';

export function FilesDialog(props: { title: string; onClose: () => void; testid: string; children: JSX.Element }): JSX.Element {
  let el!: HTMLDialogElement;
  onMount(() => el.showModal());
  onCleanup(() => el.open && el.close());
  return (
    <dialog
      ref={el}
      class="files-dialog"
      aria-label={props.title}
      data-testid={props.testid}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2>{props.title}</h2>
      {props.children}
    </dialog>
  );
}
