import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, toQuery } from "../../../api/client.js";
import type {
  ColumnMapping,
  ImportDecision,
  ImportDescription,
  ImportHistoryItem,
  ImportKind,
  ImportProgress,
  ImportResult,
  Items,
  MappingTemplate,
} from "../../../api/types.js";

const POLL_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const importKey = (id: number) => ["imports", "one", id] as const;

export function useImport(id: number) {
  return useQuery({
    queryKey: importKey(id),
    queryFn: () => api.get<ImportDescription>(`/imports/${id}`),
  });
}

export function useImportHistory() {
  return useQuery({
    queryKey: ["imports", "history"],
    queryFn: () => api.get<Items<ImportHistoryItem>>("/imports"),
    select: (d) => d.items,
  });
}

/** Saved mappings, each already applied to this file's columns. */
export function useMappingTemplates(id: number) {
  return useQuery({
    queryKey: ["imports", "mappings", id],
    queryFn: () => api.get<Items<MappingTemplate>>(`/imports/${id}/mappings`),
    select: (d) => d.items,
  });
}

/** What an import changes: the history, and the lists of staff and organisations. */
function useInvalidateImported() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ["imports", "history"] });
    void queryClient.invalidateQueries({ queryKey: ["staff"] });
    void queryClient.invalidateQueries({ queryKey: ["organizations"] });
    void queryClient.invalidateQueries({ queryKey: ["audit"] });
  };
}

export type UploadInput = { kind: ImportKind; organizationId: number | null; file: File };

/** Sends the file as it is; the answer describes the columns found. Errors show next to the file picker. */
export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ kind, organizationId, file }: UploadInput) => {
      try {
        return await api.upload<ImportDescription>(`/imports${toQuery({ kind, organizationId })}`, file);
      } catch (e) {
        if (e instanceof ApiError && e.status === 413) {
          throw new ApiError(413, e.code, `Файл «${file.name}» слишком большой для загрузки: разделите его на несколько файлов`);
        }
        throw e;
      }
    },
    meta: { silent: true },
    onSuccess: (d) => {
      queryClient.setQueryData(importKey(d.id), d);
      void queryClient.invalidateQueries({ queryKey: ["imports", "history"] });
    },
  });
}

/** Polls the progress while `work` runs, reporting the phases that are under way. */
async function withProgress<T>(id: number, work: Promise<T>, onProgress: (p: ImportProgress) => void): Promise<T> {
  let finished = false;
  void (async () => {
    while (!finished) {
      await sleep(POLL_MS);
      if (finished) break;
      try {
        const { progress } = await api.get<{ progress: ImportProgress | null }>(`/imports/${id}/progress`);
        // A «done» may be left over from an earlier run; only a moving bar is news.
        if (!finished && progress && progress.phase !== "done" && progress.phase !== "failed") onProgress(progress);
      } catch {
        // The bar is a nicety: the answer of `work` is what counts.
      }
    }
  })();
  try {
    return await work;
  } finally {
    finished = true;
  }
}

/** What a run is asked to do besides the mapping: decisions about unknown values, the file's organisation. */
export type RunInput = { mapping: ColumnMapping; decisions: ImportDecision[]; organizationId?: number | null };

/** A dry run: checks every row with the mapping and tells what would be created, updated or rejected. */
export function useCheckImport(id: number, onProgress: (p: ImportProgress) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RunInput) =>
      withProgress(id, api.post<ImportResult>(`/imports/${id}/run`, { ...input, dryRun: true, skipInvalid: false }), onProgress),
    onSuccess: () => {
      // The server keeps the mapping and the counts of the check.
      void queryClient.invalidateQueries({ queryKey: ["imports", "history"] });
    },
  });
}

/**
 * Waits for a run started in the background: polls /progress until it is done, then reads the
 * import (its status and result). A «done» seen before the run was seen moving may be left over
 * from the check, so then the import itself is asked whether it was written.
 */
async function waitForRun(id: number, onProgress: (p: ImportProgress) => void): Promise<ImportDescription> {
  const describe = () => api.get<ImportDescription>(`/imports/${id}`);
  const started = Date.now();
  let seenMoving = false;
  let idlePolls = 0;
  for (;;) {
    await sleep(POLL_MS);
    const { progress } = await api.get<{ progress: ImportProgress | null }>(`/imports/${id}/progress`);
    if (progress?.phase === "failed") throw new ApiError(0, "import_failed", progress.error ?? "Загрузка не выполнена; данные не изменены");
    if (progress && progress.phase !== "done") {
      seenMoving = true;
      idlePolls = 0;
      onProgress(progress);
      continue;
    }
    idlePolls++;
    if (progress?.phase === "done") {
      onProgress(progress);
      const d = await describe();
      // Written, or finished without writing (new errors appeared): either way the run is over.
      if (d.status !== "preview" || seenMoving || idlePolls >= 10) return d;
    } else if (idlePolls % 5 === 0) {
      // Not started yet, or this process no longer remembers it.
      const d = await describe();
      if (d.status !== "preview") return d;
    }
    if (Date.now() - started > 30 * 60_000) {
      throw new ApiError(0, "timeout", "Загрузка идёт слишком долго. Откройте её позже в «Истории загрузок».");
    }
  }
}

/** Writes the file: starts the run in the background and follows its progress. */
export function useCommitImport(id: number, onProgress: (p: ImportProgress) => void) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateImported();
  return useMutation({
    mutationFn: async ({ skipInvalid, ...input }: RunInput & { skipInvalid: boolean }) => {
      await api.post(`/imports/${id}/run`, { ...input, dryRun: false, skipInvalid, background: true });
      return waitForRun(id, onProgress);
    },
    onSuccess: (d) => {
      queryClient.setQueryData(importKey(id), d);
      invalidate();
    },
  });
}

/** Undoes a committed import; a refusal (409) is shown by the caller. */
export function useUndoImport() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateImported();
  return useMutation({
    mutationFn: (id: number) => api.post<{ ok: boolean }>(`/imports/${id}/undo`),
    meta: { silent: true },
    onSuccess: (_r, id) => {
      void queryClient.invalidateQueries({ queryKey: importKey(id) });
      invalidate();
    },
  });
}

export function useSaveMappingTemplate(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; mapping: ColumnMapping }) => api.post<{ ok: boolean }>(`/imports/${id}/mappings`, input),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["imports", "mappings"] }),
  });
}
