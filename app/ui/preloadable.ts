import { type ComponentType, createElement, lazy } from 'react';

/**
 * A lazily loaded component that can be fetched ahead of its first render. Once its code is there
 * it renders directly, without suspending (React holds a revealed Suspense boundary back ~300 ms).
 */
export function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let ready: ComponentType<P> | null = null;
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () => {
    pending ??= load().then((module) => {
      ready = module.default;
      return module;
    });
    return pending;
  };
  const Lazy = lazy(preload);
  // Called once per module at load time, never inside a render: the component's identity is stable.
  // biome-ignore lint/correctness/noComponentHookFactories: made once at module scope
  function Component(props: P) {
    return createElement(ready ?? Lazy, props);
  }
  return { Component, preload };
}
