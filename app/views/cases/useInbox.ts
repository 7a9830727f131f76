import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { InboxEvent } from './types.ts';

export type Live = 'connecting' | 'live' | 'reconnecting';

/**
 * The signed-in user's inbox: the latest events, then each new one as the server streams it
 * (Server-Sent Events with the session cookie; the browser reconnects and resumes by itself).
 */
export function useInbox(): { events: InboxEvent[]; live: Live; markRead: () => Promise<void> } {
  const [events, setEvents] = useState<InboxEvent[]>([]);
  const [live, setLive] = useState<Live>('connecting');
  useEffect(() => {
    let closed = false;
    const add = (incoming: InboxEvent[]) =>
      setEvents((shown) => {
        const known = new Set(shown.map((e) => e.eventId));
        const fresh = incoming.filter((e) => !known.has(e.eventId));
        return [...fresh, ...shown].sort((a, b) => Number(b.eventId) - Number(a.eventId)).slice(0, 100);
      });
    api
      .get<{ events: InboxEvent[] }>('/inbox', { limit: 30 })
      .then((answer) => !closed && add(answer.events))
      .catch(() => undefined);
    const stream = new EventSource('/api/v1/inbox/stream', { withCredentials: true });
    stream.onopen = () => setLive('live');
    stream.onerror = () => setLive('reconnecting');
    stream.addEventListener('inbox', (message) => {
      add([JSON.parse((message as MessageEvent<string>).data) as InboxEvent]);
    });
    return () => {
      closed = true;
      stream.close();
    };
  }, []);
  const markRead = async () => {
    const newest = events[0];
    if (!newest) return;
    await api.post('/inbox/read', { upTo: newest.eventId });
    setEvents((shown) => shown.map((e) => ({ ...e, read: true })));
  };
  return { events, live, markRead };
}
