import type { ReactNode } from 'react';

export function Banner({ tone, children }: { tone: 'info' | 'ended'; children: ReactNode }) {
  return (
    <div className={`banner banner--${tone}`} role="status">
      {children}
    </div>
  );
}
