import { Alert, Anchor, Box, Button, FileButton, Group, Loader, Paper, SegmentedControl, Select, Stack, Text, Title } from "@mantine/core";
import { useRef, useState, type DragEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { errorMessage } from "../../../api/client.js";
import type { ImportDescription, ImportKind, Me } from "../../../api/types.js";
import { isAdmin } from "../../auth/permissions.js";
import { organizationOptions, useAllOrganizations } from "../../organizations/hooks/useOrganizations.js";
import { useUploadImport } from "../hooks/useImports.js";
import { IMPORT_KIND_LABELS, templateHref } from "../labels.js";

const ACCEPT = ".xlsx,.csv,.xls";

/** Step 1: what to load, the organisation for rows without one, and the file. */
export function UploadForm({ me, onUploaded }: { me: Me; onUploaded: (d: ImportDescription) => void }) {
  const admin = isAdmin(me);
  // A link may choose what to load (e.g. «Загрузить курсы из Excel» on the start page).
  const [params] = useSearchParams();
  const asked = params.get("kind");
  const [kind, setKind] = useState<ImportKind>(asked === "completions" || (admin && asked === "organizations") ? asked : "staff");
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const resetRef = useRef<() => void>(null);
  const organizations = useAllOrganizations(admin);
  const upload = useUploadImport();

  const send = (file: File | null) => {
    if (!file || upload.isPending) return;
    setFileName(file.name);
    upload.mutate(
      { kind, organizationId: admin && kind === "staff" && organizationId ? Number(organizationId) : null, file },
      {
        onSuccess: onUploaded,
        // The same file, once fixed, may be picked again.
        onSettled: () => resetRef.current?.(),
      },
    );
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    send(e.dataTransfer.files[0] ?? null);
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="lg">
        <Stack gap="xs">
          <Title order={4}>1. Что загружаем</Title>
          <SegmentedControl
            w={admin ? 420 : 280}
            value={kind}
            onChange={(v) => setKind(v as ImportKind)}
            data={(admin ? (["staff", "organizations", "completions"] as const) : (["staff", "completions"] as const)).map((k) => ({
              value: k,
              label: IMPORT_KIND_LABELS[k],
            }))}
          />
          {!admin ? (
            <Text size="sm">
              Только работники {me.organizationName ? <b>{me.organizationName}</b> : "вашей организации"}
            </Text>
          ) : null}
          <Text size="sm" c="dimmed">
            {kind === "staff"
              ? "Строка файла — педагог и его место работы; можно указать образование и квалификационную категорию. Уже внесённые педагоги (тот же СНИЛС или те же ФИО и дата рождения) обновятся, а не задвоятся."
              : kind === "completions"
                ? "Строка файла — пройденные курсы: ФИО, программа, место прохождения, часы, сроки («12.10.2025–23.10.2025»). Организация ДПО узнаётся по любому из её названий в реестре; новая программа добавится сама, повторно курсы не задвоятся."
                : "Строка файла — организация. Организации с тем же ИНН или названием обновятся, новые будут добавлены."}
          </Text>
          <Anchor href={templateHref(kind)} download size="sm" w="fit-content">
            Скачать шаблон ({IMPORT_KIND_LABELS[kind].toLowerCase()}, .xlsx)
          </Anchor>
        </Stack>

        {admin && kind === "staff" ? (
          <Select
            label="Организация для строк без столбца «ОО»"
            description="Если в файле нет столбца с местом работы — например, это список одной школы"
            placeholder="Не выбрана: организация указана в файле"
            data={organizationOptions(organizations.data)}
            value={organizationId}
            onChange={setOrganizationId}
            searchable
            clearable
            nothingFoundMessage="Ничего не найдено"
            maw={520}
          />
        ) : null}

        <Stack gap="xs">
          <Title order={4}>2. Файл</Title>
          <Box
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            p="xl"
            style={{
              border: `2px dashed var(--mantine-color-${dragging ? "blue-5" : "gray-4"})`,
              borderRadius: "var(--mantine-radius-md)",
              background: dragging ? "var(--mantine-color-blue-0)" : "var(--mantine-color-white)",
              textAlign: "center",
            }}
            data-testid="import-dropzone"
          >
            {upload.isPending ? (
              <Group justify="center" gap="sm">
                <Loader size="sm" />
                <Text size="sm">Читаем файл «{fileName}»…</Text>
              </Group>
            ) : (
              <Stack gap="sm" align="center">
                <Text size="sm">Перетащите файл сюда или</Text>
                <FileButton onChange={send} accept={ACCEPT} resetRef={resetRef} inputProps={{ "aria-label": "Файл для загрузки" }}>
                  {(props) => <Button {...props}>Выбрать файл…</Button>}
                </FileButton>
                <Text size="xs" c="dimmed" maw={560}>
                  Excel (.xlsx) или .csv. Название и шапку над таблицей удалять не нужно: строка заголовков найдётся сама, а столбцы
                  сопоставятся с полями по их названиям — на следующем шаге их можно поправить.
                </Text>
              </Stack>
            )}
          </Box>
          {upload.isError ? (
            <Alert color="red" title={fileName ? `Файл «${fileName}» не принят` : "Файл не принят"} data-testid="upload-error">
              {errorMessage(upload.error)}
            </Alert>
          ) : null}
        </Stack>
      </Stack>
    </Paper>
  );
}
