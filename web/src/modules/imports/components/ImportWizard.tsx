import { Alert, Anchor, Badge, Button, Group, Paper, Progress, Select, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router-dom";
import type { ColumnMapping, ImportDecision, ImportDescription, ImportProgress, RowError, UnresolvedValue } from "../../../api/types.js";
import { formatInt, plural } from "../../../ui/format.js";
import { QueryState } from "../../../ui/QueryState.js";
import { Section } from "../../../ui/Section.js";
import { organizationOptions, useAllOrganizations } from "../../organizations/hooks/useOrganizations.js";
import { useCurrentUser } from "../../auth/hooks/useMe.js";
import { decisionKey, proposedDecision, UnresolvedValues } from "./UnresolvedValues.js";
import { useCheckImport, useCommitImport, useImport } from "../hooks/useImports.js";
import { IMPORT_KIND_LABELS, progressText, rejectedHref, rejectedRowCount } from "../labels.js";
import { checkMapping, mappingOf, sameMapping } from "../mapping.js";
import { MappingTable } from "./MappingTable.js";
import { MappingTemplates } from "./MappingTemplates.js";
import { CountTiles, RowErrorsTable } from "./RowErrorsTable.js";
import { UndoImportModal } from "./UndoImportModal.js";

type Counts = { created: number; updated: number; skipped: number; rejected: RowError[]; warnings: RowError[] };

/** One upload: the mapping and the check while it is a preview, the outcome once it is written. */
export function ImportWizard({ id, onRestart }: { id: number; onRestart: () => void }) {
  const query = useImport(id);
  return (
    <QueryState query={query}>
      {(d) => (
        <Stack gap="md">
          <FileSummary description={d} onRestart={onRestart} />
          {d.status === "preview" ? <PreviewStep key={d.id} description={d} /> : <OutcomeView description={d} onRestart={onRestart} />}
        </Stack>
      )}
    </QueryState>
  );
}

function FileSummary({ description: d, onRestart }: { description: ImportDescription; onRestart: () => void }) {
  const organizations = useAllOrganizations(d.organizationId !== null);
  const orgName = organizations.data?.find((o) => o.id === d.organizationId)?.shortName;
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2}>
          <Text fw={600} data-testid="import-file">
            {IMPORT_KIND_LABELS[d.kind]}: файл «{d.fileName}»
          </Text>
          <Text size="sm" c="dimmed" data-testid="import-layout">
            Строка заголовков таблицы — {d.headerRow}-я, строк с данными: {formatInt(d.totalRows)}
            {d.organizationId !== null ? `. Организация для строк без столбца «ОО»: ${orgName ?? "…"}` : ""}
          </Text>
        </Stack>
        <Button variant="default" onClick={onRestart}>
          Загрузить другой файл
        </Button>
      </Group>
    </Paper>
  );
}

function ProgressBar({ progress, hint }: { progress: ImportProgress | null; hint?: string }) {
  const value = progress && progress.total > 0 ? (progress.done / progress.total) * 100 : 100;
  return (
    <Stack gap={4} data-testid="import-progress">
      <Progress value={value} size="lg" animated={!progress || progress.phase !== "done"} />
      <Group justify="space-between" gap="sm">
        <Text size="sm">{progress ? progressText(progress) : "Начинаем…"}</Text>
        {hint ? (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}

/** «3 корректные строки» in the right form. */
const validRows = (n: number) => `${formatInt(n)} ${plural(n, ["корректную строку", "корректные строки", "корректных строк"])}`;

function PreviewStep({ description: d }: { description: ImportDescription }) {
  const me = useCurrentUser();
  const [mapping, setMapping] = useState<ColumnMapping>(() => mappingOf(d));
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [organizationId, setOrganizationId] = useState<number | null>(d.organizationId);
  const [decisions, setDecisions] = useState<Map<string, ImportDecision>>(() => new Map(d.decisions.map((x) => [decisionKey(x), x])));
  // Every value that needed a decision in this session, so decided ones stay in view after a new check.
  const [values, setValues] = useState<UnresolvedValue[]>([]);
  // The last check with what it was made with; the server keeps the last one too.
  const [checked, setChecked] = useState<{ counts: Counts; input: string } | null>(() =>
    d.result ? { counts: d.result, input: inputKey(mappingOf(d), new Map(d.decisions.map((x) => [decisionKey(x), x])), d.organizationId) } : null,
  );
  const [notWritten, setNotWritten] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const check = useCheckImport(d.id, setProgress);
  const commit = useCommitImport(d.id, setProgress);
  const organizations = useAllOrganizations(me.role === "municipal_admin");
  const problems = checkMapping(d, mapping, organizationId);
  const counts = checked && checked.input === inputKey(mapping, decisions, organizationId) ? checked.counts : null;
  const busy = check.isPending || commit.isPending;
  const wantsOrganization = d.requiredGroups.some((g) => g.orFileOrganization);
  const organizationMapped = d.requiredGroups.some((g) => g.orFileOrganization && g.fields.some((f) => Object.values(mapping).includes(f)));

  const change = (index: number, field: string | null) => {
    setMapping((m) => ({ ...m, [String(index)]: field }));
    setTemplateId(null);
  };
  const decide = (x: ImportDecision) => setDecisions((m) => new Map(m).set(decisionKey(x), x));
  const runCheck = (sent: Map<string, ImportDecision> = decisions) => {
    setProgress(null);
    setNotWritten(false);
    check.mutate(
      { mapping, decisions: [...sent.values()], organizationId },
      {
        onSuccess: (r) => {
          // New values get Metodist's proposal as their decision until the person changes it.
          const next = new Map(sent);
          for (const u of r.unresolved) if (!next.has(decisionKey(u))) next.set(decisionKey(u), proposedDecision(u));
          setDecisions(next);
          setValues((old) => {
            const seen = new Map(old.map((u) => [decisionKey(u), u]));
            for (const u of r.unresolved) seen.set(decisionKey(u), u);
            return [...seen.values()];
          });
          setChecked({ counts: r, input: inputKey(mapping, sent, organizationId) });
          // The counts should show the proposals' effect: check once more with them.
          if (r.unresolved.some((u) => !sent.has(decisionKey(u)) && proposedDecision(u).action !== "reject")) runCheck(next);
        },
      },
    );
  };
  const errorRows = counts ? rejectedRowCount(counts.rejected) : 0;
  const valid = counts ? counts.created + counts.updated + counts.skipped : 0;
  const runCommit = () => {
    setProgress(null);
    commit.mutate(
      { mapping, decisions: [...decisions.values()], organizationId, skipInvalid: errorRows > 0 },
      {
        // Written: the page shows the outcome. Still a preview: new errors turned up while writing.
        onSuccess: (after) => {
          if (after.status !== "preview") return;
          setNotWritten(true);
          if (after.result) setChecked({ counts: after.result, input: inputKey(mapping, decisions, organizationId) });
        },
      },
    );
  };
  const pendingDecisions = checked && !counts && checked.input !== inputKey(mapping, decisions, organizationId);

  return (
    <>
      <Section
        title="Сопоставление столбцов"
        actions={<MappingTemplates importId={d.id} mapping={mapping} selected={templateId} disabled={busy} onApply={(tid, m) => (setMapping(m), setTemplateId(tid))} />}
      >
        <Stack gap="sm">
          <Text size="sm">
            Для каждого столбца файла выберите поле, в которое загружать его значения. Столбцы «— не загружать —» пропускаются.
          </Text>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Обязательно сопоставить:
            </Text>
            {d.requiredGroups.map((g) => {
              const missing = problems.missing.includes(g);
              return (
                <Badge key={g.label} color={missing ? "red" : "teal"} variant={missing ? "filled" : "light"} data-testid="required-group">
                  {missing ? "✗" : "✓"} {g.label}
                </Badge>
              );
            })}
          </Group>
          {wantsOrganization ? (
            me.role === "municipal_admin" ? (
              <Select
                label="Организация для строк без столбца «ОО»"
                description={
                  organizationMapped
                    ? "Строки, в которых организация не указана, загрузятся в выбранную организацию"
                    : "В файле нет столбца с организацией: выберите, чьих работников он содержит"
                }
                placeholder="Выберите организацию"
                data={organizationOptions(organizations.data)}
                value={organizationId === null ? null : String(organizationId)}
                onChange={(v) => setOrganizationId(v ? Number(v) : null)}
                searchable
                clearable
                disabled={busy}
                maw={520}
                data-testid="file-organization"
              />
            ) : (
              <Text size="sm" c="dimmed">
                Все строки загружаются в вашу организацию{me.organizationName ? `: ${me.organizationName}` : ""}.
              </Text>
            )
          ) : null}
          {problems.missing.length > 0 ? (
            <Alert color="red" data-testid="mapping-missing">
              Не сопоставлены обязательные столбцы: {problems.missing.map((g) => `«${g.label}»`).join(", ")}. Выберите это поле для столбца, в
              котором оно указано в файле.
            </Alert>
          ) : null}
          <MappingTable description={d} mapping={mapping} check={problems} disabled={busy} onChange={change} />
          <Group gap="sm">
            <Button onClick={() => runCheck()} loading={check.isPending} disabled={!problems.ok || commit.isPending}>
              {checked ? "Проверить снова" : "Проверить"}
            </Button>
            {pendingDecisions && !busy ? (
              <Text size="sm" c="orange.8" data-testid="check-stale">
                Сопоставление или решения изменились после проверки — проверьте файл снова.
              </Text>
            ) : null}
          </Group>
          {/* A small file is checked before the first poll: the bar only for long checks. */}
          {check.isPending && progress ? <ProgressBar progress={progress} /> : null}
        </Stack>
      </Section>

      {values.length > 0 ? (
        <Section title="Значения, которых нет в справочниках">
          <UnresolvedValues values={values} decisions={decisions} onChange={decide} disabled={busy} />
        </Section>
      ) : null}

      {counts ? (
        <Section title="Результат проверки">
          <Stack gap="md" data-testid="check-result">
            <CountTiles
              tiles={[
                { label: "будет создано", value: counts.created, color: "teal", testId: "count-created" },
                { label: "будет обновлено", value: counts.updated, color: "blue", testId: "count-updated" },
                { label: "без изменений", value: counts.skipped, testId: "count-skipped" },
                { label: "строк с ошибками", value: errorRows, color: "red", testId: "count-rejected" },
              ]}
            />
            {notWritten ? (
              <Alert color="orange" title="Загрузка не выполнена">
                {counts.rejected.length > 0
                  ? "При записи в файле нашлись новые ошибки (например, справочники изменились после проверки). Ничего не записано: посмотрите ошибки и загрузите снова."
                  : "Загрузка не завершилась. Ничего не записано: повторите попытку."}
              </Alert>
            ) : null}
            {counts.rejected.length > 0 ? (
              <Stack gap="xs">
                <Group justify="space-between" gap="sm">
                  <Text size="sm">
                    Строки с ошибками не загружаются. Исправьте их в файле и загрузите его снова — или загрузите только корректные строки.
                  </Text>
                  <Anchor href={rejectedHref(d.id)} download size="sm">
                    Скачать строки с ошибками (.xlsx)
                  </Anchor>
                </Group>
                <RowErrorsTable errors={counts.rejected} />
              </Stack>
            ) : (
              <Alert color="teal">Ошибок не найдено: все строки можно загрузить.</Alert>
            )}
            <WarningsBlock warnings={counts.warnings} importId={d.id} />
            {commit.isPending ? (
              <ProgressBar progress={progress} hint="Загрузка продолжится, даже если закрыть страницу; её итог будет в «Истории загрузок»." />
            ) : valid > 0 ? (
              <Group gap="sm">
                <Button color="teal" onClick={runCommit} disabled={check.isPending}>
                  {errorRows > 0 ? `Загрузить ${validRows(valid)}, пропустить ${formatInt(errorRows)}` : "Загрузить"}
                </Button>
                <Text size="xs" c="dimmed">
                  Загрузку можно будет отменить в «Истории загрузок».
                </Text>
              </Group>
            ) : (
              <Text size="sm" c="red.8">
                Нет корректных строк для загрузки.
              </Text>
            )}
          </Stack>
        </Section>
      ) : null}
    </>
  );
}

/** What a check was made with: a new check is due when any of it changes. */
const inputKey = (mapping: ColumnMapping, decisions: Map<string, ImportDecision>, organizationId: number | null) =>
  JSON.stringify([Object.entries(mapping).sort(), [...decisions.values()].map((x) => [decisionKey(x), x.action, "targetId" in x ? x.targetId : "name" in x ? (x.name ?? "") : ""]).sort(), organizationId]);

/** Incomplete but usable facts of rows that load: each shown at its cell. */
function WarningsBlock({ warnings, importId, done = false }: { warnings: RowError[]; importId: number; done?: boolean }) {
  if (warnings.length === 0) return null;
  const rows = new Set(warnings.map((w) => w.row)).size;
  const verb: [string, string, string] = done ? ["строка загружена", "строки загружены", "строк загружено"] : ["строка загрузится", "строки загрузятся", "строк загрузятся"];
  return (
    <Stack gap="xs">
      <Text size="sm" c="orange.9" data-testid="warnings-summary">
        {formatInt(rows)} {plural(rows, verb)} с предупреждениями: данные в них неполные, их можно дополнить в карточках или в файле.{" "}
        <Anchor href={rejectedHref(importId)} download size="sm">
          Скачать список (.xlsx)
        </Anchor>
      </Text>
      <RowErrorsTable errors={warnings} warnings />
    </Stack>
  );
}

function OutcomeView({ description: d, onRestart }: { description: ImportDescription; onRestart: () => void }) {
  const [undoing, setUndoing] = useState(false);
  const counts: Counts = d.result ?? { created: 0, updated: 0, skipped: 0, rejected: [], warnings: [] };
  const rejectedRows = rejectedRowCount(counts.rejected);
  const undone = d.status === "undone";
  const list =
    d.kind === "staff"
      ? { to: "/staff", label: "Открыть список педагогов" }
      : d.kind === "completions"
        ? { to: "/pd", label: "Открыть курсы ПК" }
        : { to: "/organizations", label: "Открыть список организаций" };
  return (
    <Section title={undone ? "Загрузка отменена" : "Загрузка выполнена"}>
      <Stack gap="md" data-testid="import-outcome">
        {undone ? (
          <Alert color="orange">Изменения, внесённые этой загрузкой, отменены.</Alert>
        ) : (
          <Alert color="teal" data-testid="import-done">
            Файл «{d.fileName}» загружен: {formatInt(counts.created + counts.updated + counts.skipped)} {plural(counts.created + counts.updated + counts.skipped, ["строка", "строки", "строк"])}{" "}
            из {formatInt(d.totalRows)}
            {rejectedRows > 0 ? `, ${formatInt(rejectedRows)} с ошибками ${plural(rejectedRows, ["пропущена", "пропущены", "пропущено"])}` : ""}.
          </Alert>
        )}
        <CountTiles
          tiles={[
            { label: "создано", value: counts.created, color: "teal", testId: "count-created" },
            { label: "обновлено", value: counts.updated, color: "blue", testId: "count-updated" },
            { label: "без изменений", value: counts.skipped, testId: "count-skipped" },
            { label: "отклонено строк", value: rejectedRows, color: "red", testId: "count-rejected" },
          ]}
        />
        <Group gap="sm">
          {rejectedRows > 0 ? (
            <Button component="a" href={rejectedHref(d.id)} download variant="light" color="red">
              Скачать отклонённые строки (.xlsx)
            </Button>
          ) : null}
          <Button component={Link} to={list.to} variant="default">
            {list.label}
          </Button>
          <Button variant="default" onClick={onRestart}>
            Загрузить ещё файл
          </Button>
          {d.status === "committed" ? (
            <Button variant="subtle" color="red" onClick={() => setUndoing(true)}>
              Отменить загрузку
            </Button>
          ) : null}
        </Group>
        {rejectedRows > 0 ? (
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              Отклонённые строки
            </Text>
            <RowErrorsTable errors={counts.rejected} />
          </Stack>
        ) : null}
        <WarningsBlock warnings={counts.warnings ?? []} importId={d.id} done />
      </Stack>
      {undoing ? <UndoImportModal importId={d.id} fileName={d.fileName} onClose={() => setUndoing(false)} /> : null}
    </Section>
  );
}
