import { describe, expect, it } from 'vitest';
import { actionForKey, type KeyInput } from '../../src/app/grid/keys';

const k = (key: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it('maps navigation keys', () => {
    expect(actionForKey(k('ArrowDown'))).toEqual({ type: 'move', dr: 1, dc: 0, extend: false });
    expect(actionForKey(k('ArrowLeft', { shiftKey: true }))).toEqual({ type: 'move', dr: 0, dc: -1, extend: true });
    expect(actionForKey(k('ArrowRight', { ctrlKey: true }))).toEqual({ type: 'edge', dr: 0, dc: 1, extend: false });
    expect(actionForKey(k('ArrowUp', { metaKey: true, shiftKey: true }))).toEqual({ type: 'edge', dr: -1, dc: 0, extend: true });
    expect(actionForKey(k('Home'))).toEqual({ type: 'rowStart', extend: false });
    expect(actionForKey(k('End', { ctrlKey: true }))).toEqual({ type: 'sheetEnd', extend: false });
    expect(actionForKey(k('PageDown'))).toEqual({ type: 'page', dir: 1, extend: false });
    expect(actionForKey(k('Tab', { shiftKey: true }))).toEqual({ type: 'tab', back: true });
    expect(actionForKey(k('Enter'))).toEqual({ type: 'enter', back: false });
  });

  it('maps editing and commands', () => {
    expect(actionForKey(k('F2'))).toEqual({ type: 'edit' });
    expect(actionForKey(k('s'))).toEqual({ type: 'type', text: 's' });
    expect(actionForKey(k('3'))).toEqual({ type: 'type', text: '3' });
    expect(actionForKey(k('Delete'))).toEqual({ type: 'clear' });
    expect(actionForKey(k('Backspace'))).toEqual({ type: 'clear' });
    expect(actionForKey(k('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(actionForKey(k('Z', { ctrlKey: true, shiftKey: true }))).toEqual({ type: 'redo' });
    expect(actionForKey(k('y', { ctrlKey: true }))).toEqual({ type: 'redo' });
    expect(actionForKey(k('d', { ctrlKey: true }))).toEqual({ type: 'fillDown' });
    expect(actionForKey(k('+', { ctrlKey: true, shiftKey: true }))).toEqual({ type: 'insertRows' });
    expect(actionForKey(k('-', { ctrlKey: true }))).toEqual({ type: 'deleteRows' });
    expect(actionForKey(k('F10', { shiftKey: true }))).toEqual({ type: 'menu' });
    expect(actionForKey(k(' ', { shiftKey: true }))).toEqual({ type: 'selectRows' });
    expect(actionForKey(k(' ', { ctrlKey: true }))).toEqual({ type: 'selectColumns' });
    expect(actionForKey(k(' '))).toEqual({ type: 'type', text: ' ' });
  });

  it('leaves the browser its own shortcuts (copy/paste come as clipboard events)', () => {
    expect(actionForKey(k('c', { ctrlKey: true }))).toBeNull();
    expect(actionForKey(k('v', { ctrlKey: true }))).toBeNull();
    expect(actionForKey(k('Shift', { shiftKey: true }))).toBeNull();
    expect(actionForKey(k('a', { altKey: true }))).toBeNull();
  });
});
