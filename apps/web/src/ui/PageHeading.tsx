import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

/** The page's h1; it takes focus when a page opens so screen readers announce the new page. */
export function PageHeading({ children, focusOnMount = true }: { children: ComponentChildren; focusOnMount?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
