import { useEffect, useState } from "react";
import { get } from "../api";
import type { Resource, ResourceKind } from "../types";
import type { Lookups } from "./graph";

export const RESOURCE_KINDS: ResourceKind[] = ["accounts", "tags", "auto-messages", "rich-menus", "qr-codes"];

/** The organisation's resources, for node summaries and reference fields (best effort). */
export function useLookups(reload = 0): Partial<Lookups> {
  const [lookups, setLookups] = useState<Partial<Lookups>>({});
  useEffect(() => {
    const ctrl = new AbortController();
    Promise.all(
      RESOURCE_KINDS.map((k) =>
        get<{ items: Resource[] } | Resource[]>(`/api/${k}`, ctrl.signal)
          .then((d) => [k, Array.isArray(d) ? d : d.items ?? []] as const)
          .catch(() => [k, [] as Resource[]] as const),
      ),
    ).then((pairs) => {
      if (!ctrl.signal.aborted) setLookups(Object.fromEntries(pairs) as Partial<Lookups>);
    });
    return () => ctrl.abort();
  }, [reload]);
  return lookups;
}
