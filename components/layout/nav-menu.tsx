"use client";
import { usePathname } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";

/**
 * The navigation's links behind a Menu button on narrow screens (always shown from lg up). Escape
 * closes it and returns focus to the button; following a link closes it too.
 */
export function NavMenu({ children }: { children: ReactNode }) {
  // Open on the page it was opened on: a link followed to another page leaves it folded.
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (o: boolean) => setOpenOn(o ? pathname : null);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen(!open)}
        className="order-2 inline-flex items-center gap-1.5 rounded-md border border-slate-600 px-2.5 py-1 text-sm text-slate-100 hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white lg:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          {open ? <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="2" /> : <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />}
        </svg>
        Menu
      </button>
      <div
        id="main-menu"
        onKeyDown={(e) => {
          if (e.key === "Escape" && open) {
            setOpen(false);
            button.current?.focus();
          }
        }}
        className={`${open ? "flex" : "hidden"} order-3 w-full flex-col gap-3 pb-2 lg:order-none lg:flex lg:w-auto lg:flex-1 lg:flex-row lg:items-center lg:gap-6 lg:pb-0`}
      >
        {children}
      </div>
    </>
  );
}
