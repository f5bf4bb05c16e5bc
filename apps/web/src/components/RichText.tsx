import type { ReactNode } from 'react';
import { Fragment, useMemo } from 'react';
import type { Block, Inline } from '../lib/promptText.ts';
import { parseBlocks, parseInline } from '../lib/promptText.ts';

function renderInline(part: Inline, key: string): ReactNode {
  switch (part.type) {
    case 'code':
      return <code key={key}>{part.text}</code>;
    case 'strong':
      return <strong key={key}>{part.text}</strong>;
    case 'text':
      return <Fragment key={key}>{part.text}</Fragment>;
  }
}

function renderInlines(parts: Inline[]): ReactNode[] {
  return parts.map((part, i) => renderInline(part, `${i}-${part.type}`));
}

function renderBlock(block: Block, key: string): ReactNode {
  switch (block.type) {
    case 'code':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      );
    case 'list': {
      // biome-ignore lint/suspicious/noArrayIndexKey: static text, never reordered
      const items = block.items.map((item, j) => <li key={j}>{renderInlines(item)}</li>);
      return block.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
    case 'paragraph':
      return (
        <p key={key}>
          {block.lines.map((line, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static text, never reordered
            <Fragment key={j}>
              {j > 0 && <br />}
              {renderInlines(line)}
            </Fragment>
          ))}
        </p>
      );
  }
}

/** Renders prompt/rubric text (a safe Markdown subset) as React elements, never as HTML. */
export function RichText({ text, className }: { text: string; className?: string }) {
  const blocks = useMemo(() => parseBlocks(text), [text]);
  return (
    <div className={className ? `rich-text ${className}` : 'rich-text'}>
      {blocks.map((block, i) => renderBlock(block, `${i}-${block.type}`))}
    </div>
  );
}

/** One line of rubric text (inline code and bold only), for places that take phrasing content. */
export function InlineText({ text }: { text: string }) {
  const parts = useMemo(() => parseInline(text.replace(/\s+/g, ' ')), [text]);
  return <span className="rich-inline">{renderInlines(parts)}</span>;
}
