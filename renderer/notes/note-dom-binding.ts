import * as Y from 'yjs';
import type { NoteMark } from '../../common/notes/note-document';
import { localEdit, type NoteSession } from './note-session';
import { attributesOf, diffText, marksAt, noMarks, rangeHasMark, type DeltaRun, type Marks } from './note-text';

interface TextRange {
  start: number;
  end: number;
}

const blockTags = new Set(['DIV', 'P', 'LI']);

/**
 * The text a node shows, as the note stores it: text nodes as they are, a line break between
 * blocks a browser may have made. `<br>` elements are never text here: the editor writes every
 * line break itself as "\n" (white-space: pre-wrap), and a `<br>` is only ever a placeholder.
 */
function textOf(root: Node): string {
  let text = '';
  const visit = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        text += (child as Text).data;
      } else if (child.nodeType === Node.ELEMENT_NODE || child.nodeType === Node.DOCUMENT_FRAGMENT_NODE) {
        if (blockTags.has((child as Element).tagName) && text !== '' && !text.endsWith('\n')) text += '\n';
        visit(child);
      }
    }
  };
  visit(root);
  return text;
}

function positionIn(root: HTMLElement, container: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(container, offset);
  return textOf(range.cloneContents()).length;
}

/** Where (text node and offset) a position of the text is, after a render of ours. */
function pointAt(root: HTMLElement, position: number): { node: Node; offset: number } {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let passed = 0;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (position <= passed + node.data.length) return { node, offset: Math.max(0, position - passed) };
    passed += node.data.length;
    last = node;
  }
  return last ? { node: last, offset: last.data.length } : { node: root, offset: 0 };
}

/**
 * Binds a contenteditable element (plaintext-only: the browser never adds markup of its own) to a
 * note's Y.Text. The browser edits the element; on each `input` the change is read back as one
 * replacement against the text last shown and applied to the Y.Text, and the element is drawn
 * again from the document. Line breaks, pasting, bold, italic and undo are done by this binding
 * (on `beforeinput` and keys), so the element only ever holds what the document says. Changes from
 * elsewhere (answers, sync, undo) redraw it and keep the caret where it was in the text.
 */
export class NoteDomBinding {
  private composing = false;
  private redrawAfterComposing = false;
  /** Bold/italic chosen with nothing selected: they apply to what is typed next, at that position. */
  private pendingMarks: { at: number; marks: Marks } | null = null;
  private selection: { anchor: Y.RelativePosition; head: Y.RelativePosition } | null = null;
  private shown = '';

  constructor(
    private readonly element: HTMLElement,
    private readonly session: NoteSession,
    private readonly onMarks: (marks: Marks) => void,
  ) {}

  attach(): () => void {
    const { element } = this;
    const listeners: [EventTarget, string, (event: Event) => void][] = [
      [element, 'beforeinput', (event) => this.beforeInput(event as InputEvent)],
      [element, 'input', (event) => this.afterInput(event as InputEvent)],
      [element, 'compositionstart', () => this.compositionStart()],
      [element, 'compositionend', () => this.compositionEnd()],
      [element, 'keydown', (event) => this.keyDown(event as KeyboardEvent)],
      [document, 'selectionchange', () => this.selectionChanged()],
    ];
    for (const [target, name, listener] of listeners) target.addEventListener(name, listener);
    const observer = (_event: Y.YTextEvent, transaction: Y.Transaction): void => {
      if (transaction.origin !== localEdit) this.redrawKeepingCaret();
    };
    this.session.text.observe(observer);
    this.draw();
    return () => {
      for (const [target, name, listener] of listeners) target.removeEventListener(name, listener);
      this.session.text.unobserve(observer);
      if (this.composing) this.session.resumeMerges();
    };
  }

  /** Toggles a mark on the selection (or, with nothing selected, for what is typed next). */
  toggle(mark: NoteMark): void {
    if (this.session.readOnly) return;
    const range = this.currentRange();
    const delta = this.delta();
    if (range.start === range.end) {
      const current = this.pendingMarks?.at === range.start ? this.pendingMarks.marks : marksAt(delta, range.start);
      this.pendingMarks = { at: range.start, marks: { ...current, [mark]: !current[mark] } };
      this.focusAt(range);
      this.reportMarks();
      return;
    }
    const on = !rangeHasMark(delta, range.start, range.end, mark);
    this.session.edit((text) => text.format(range.start, range.end - range.start, { [mark]: on ? true : null }));
    this.draw();
    this.focusAt(range);
    this.reportMarks();
  }

  undo(redo = false): void {
    if (this.session.readOnly) return;
    if (redo) this.session.undoManager.redo();
    else this.session.undoManager.undo();
  }

  private beforeInput(event: InputEvent): void {
    if (this.session.readOnly) {
      event.preventDefault();
      return;
    }
    switch (event.inputType) {
      case 'insertParagraph':
      case 'insertLineBreak':
        event.preventDefault();
        this.replaceSelection('\n');
        return;
      case 'insertFromPaste': {
        const pasted = event.dataTransfer?.getData('text/plain');
        if (pasted === undefined) return; // the browser pastes plain text; `input` reads it back
        event.preventDefault();
        this.replaceSelection(pasted.replace(/\r\n?/g, '\n'));
        return;
      }
      case 'formatBold':
      case 'formatItalic':
        event.preventDefault();
        this.toggle(event.inputType === 'formatBold' ? 'bold' : 'italic');
        return;
      case 'historyUndo':
      case 'historyRedo':
        event.preventDefault();
        this.undo(event.inputType === 'historyRedo');
        return;
      default:
        if (event.inputType.startsWith('format')) event.preventDefault();
    }
  }

  private afterInput(event: InputEvent): void {
    if (this.composing || event.isComposing) return;
    this.readBack();
  }

  private compositionStart(): void {
    this.composing = true;
    this.session.pauseMerges();
  }

  private compositionEnd(): void {
    this.composing = false;
    this.readBack();
    this.session.resumeMerges();
    if (this.redrawAfterComposing) {
      this.redrawAfterComposing = false;
      this.redrawKeepingCaret();
    }
  }

  private keyDown(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    const action =
      key === 'b' ? () => this.toggle('bold')
      : key === 'i' ? () => this.toggle('italic')
      : key === 'z' ? () => this.undo(event.shiftKey)
      : key === 'y' ? () => this.undo(true)
      : null;
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    action();
  }

  private selectionChanged(): void {
    const range = this.domRange();
    if (!range) return;
    this.remember(range);
    if (this.pendingMarks && !(range.start === range.end && range.start === this.pendingMarks.at)) this.pendingMarks = null;
    this.reportMarks();
  }

  /** Reads what the browser changed in the element since it was last drawn, into the document. */
  private readBack(): void {
    const after = textOf(this.element);
    const caret = this.domRange();
    const change = diffText(this.shown, after, caret?.end);
    if (change) {
      const marks = this.pendingMarks?.at === change.index ? this.pendingMarks.marks : marksAt(this.delta(), change.index);
      this.session.edit((text) => {
        if (change.deleted > 0) text.delete(change.index, change.deleted);
        if (change.inserted !== '') text.insert(change.index, change.inserted, attributesOf(marks));
      });
      this.pendingMarks = null;
    }
    this.draw();
    if (caret) this.placeCaret(change ? { start: caret.end, end: caret.end } : caret);
    this.reportMarks();
  }

  private replaceSelection(inserted: string): void {
    const range = this.currentRange();
    const marks = this.pendingMarks?.at === range.start ? this.pendingMarks.marks : marksAt(this.delta(), range.start);
    this.session.edit((text) => {
      if (range.end > range.start) text.delete(range.start, range.end - range.start);
      if (inserted !== '') text.insert(range.start, inserted, attributesOf(marks));
    });
    this.pendingMarks = null;
    this.draw();
    const caret = range.start + inserted.length;
    this.placeCaret({ start: caret, end: caret });
    this.reportMarks();
  }

  private redrawKeepingCaret(): void {
    if (this.composing) {
      this.redrawAfterComposing = true;
      return;
    }
    const focused = document.activeElement === this.element;
    const range = this.rememberedRange();
    this.draw();
    if (focused && range) this.placeCaret(range);
    this.reportMarks();
  }

  /** Draws the document into the element: runs of text in <strong> and <em>. */
  private draw(): void {
    const nodes: Node[] = [];
    let text = '';
    for (const run of this.delta()) {
      if (typeof run.insert !== 'string') continue;
      text += run.insert;
      let node: Node = document.createTextNode(run.insert);
      for (const [mark, tag] of [['italic', 'em'], ['bold', 'strong']] as const) {
        if (run.attributes?.[mark] !== true) continue;
        const wrapper = document.createElement(tag);
        wrapper.append(node);
        node = wrapper;
      }
      nodes.push(node);
    }
    // A last empty line needs something to stand on, or the caret cannot go there.
    if (text.endsWith('\n')) nodes.push(document.createElement('br'));
    this.element.replaceChildren(...nodes);
    this.shown = text;
  }

  private delta(): DeltaRun[] {
    return this.session.text.toDelta() as DeltaRun[];
  }

  /** The selection inside the element, as positions in the text; null when it is elsewhere. */
  private domRange(): TextRange | null {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    if (!this.element.contains(range.startContainer) || !this.element.contains(range.endContainer)) return null;
    return { start: positionIn(this.element, range.startContainer, range.startOffset), end: positionIn(this.element, range.endContainer, range.endOffset) };
  }

  private rememberedRange(): TextRange | null {
    if (!this.selection) return null;
    const at = (relative: Y.RelativePosition): number =>
      Y.createAbsolutePositionFromRelativePosition(relative, this.session.doc)?.index ?? this.session.text.length;
    const anchor = at(this.selection.anchor);
    const head = at(this.selection.head);
    return { start: Math.min(anchor, head), end: Math.max(anchor, head) };
  }

  private currentRange(): TextRange {
    const length = this.session.text.length;
    return this.domRange() ?? this.rememberedRange() ?? { start: length, end: length };
  }

  private remember(range: TextRange): void {
    this.selection = {
      anchor: Y.createRelativePositionFromTypeIndex(this.session.text, range.start),
      head: Y.createRelativePositionFromTypeIndex(this.session.text, range.end),
    };
  }

  private placeCaret(range: TextRange): void {
    const selection = document.getSelection();
    if (!selection) return;
    const start = pointAt(this.element, range.start);
    const end = range.end === range.start ? start : pointAt(this.element, range.end);
    selection.setBaseAndExtent(start.node, start.offset, end.node, end.offset);
    this.remember(range);
  }

  private focusAt(range: TextRange): void {
    if (document.activeElement !== this.element) this.element.focus({ preventScroll: true });
    this.placeCaret(range);
  }

  private reportMarks(): void {
    const range = this.domRange() ?? this.rememberedRange();
    if (!range) {
      this.onMarks(noMarks);
      return;
    }
    if (range.start === range.end) {
      this.onMarks(this.pendingMarks?.at === range.start ? this.pendingMarks.marks : marksAt(this.delta(), range.start));
      return;
    }
    const delta = this.delta();
    this.onMarks({ bold: rangeHasMark(delta, range.start, range.end, 'bold'), italic: rangeHasMark(delta, range.start, range.end, 'italic') });
  }
}

