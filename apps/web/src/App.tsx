import { lazy, Suspense } from 'react';
import { ErrorScreen, LoadingScreen } from './components/ErrorScreen.tsx';
import { useRoute } from './hooks/useRoute.ts';
import { INVALID_LINK_TITLE } from './lib/routes.ts';
import { CreatePage } from './pages/CreatePage.tsx';

// The room page carries Monaco, Yjs and Socket.io: the create page loads without them.
const RoomPage = lazy(() => import('./pages/RoomPage.tsx').then((m) => ({ default: m.RoomPage })));

export function App() {
  const route = useRoute();
  switch (route.page) {
    case 'create':
      return <CreatePage />;
    case 'room':
      return (
        <Suspense fallback={<LoadingScreen text="Opening the room…" />}>
          <RoomPage key={`${route.roomId}:${route.token}`} roomId={route.roomId} token={route.token} />
        </Suspense>
      );
    case 'invalid-room':
      return (
        <ErrorScreen title={INVALID_LINK_TITLE}>
          <p className="center-screen__text">
            The link is incomplete: it needs both the room and its access key (the part after{' '}
            <code>#token=</code>). Copy the whole link again, or ask the interviewer for a new one.
          </p>
        </ErrorScreen>
      );
    case 'not-found':
      return (
        <ErrorScreen title="Page not found">
          <p className="center-screen__text">There is nothing at this address.</p>
        </ErrorScreen>
      );
  }
}
