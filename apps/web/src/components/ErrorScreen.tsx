import type { ReactNode } from 'react';

interface Props {
  title: string;
  children?: ReactNode;
}

export function ErrorScreen({ title, children }: Props) {
  return (
    <main className="center-screen">
      <div className="card card--narrow" role="alert">
        <div className="center-screen__icon" aria-hidden="true">
          !
        </div>
        <h1 className="center-screen__title">{title}</h1>
        {children}
        <p>
          <a className="button" href="/">
            Create a new interview
          </a>
        </p>
      </div>
    </main>
  );
}

export function LoadingScreen({ text }: { text: string }) {
  return (
    <main className="center-screen">
      <div className="card card--narrow" aria-busy="true">
        <div className="spinner" aria-hidden="true" />
        <p className="center-screen__text" role="status">
          {text}
        </p>
      </div>
    </main>
  );
}
