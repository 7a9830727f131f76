import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './router.ts';

/** An ordinary link (keyboard, middle click and "copy link" work) that navigates without a reload. */
export function Link(props: { href: string; children: ReactNode; current?: boolean; className?: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.href);
  };
  return (
    <a
      href={props.href}
      onClick={onClick}
      aria-current={props.current ? 'page' : undefined}
      className={props.className}
    >
      {props.children}
    </a>
  );
}
