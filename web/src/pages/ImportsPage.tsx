import { Tabs } from "@mantine/core";
import { useSearchParams } from "react-router-dom";
import { useCurrentUser } from "../modules/auth/hooks/useMe.js";
import { ImportHistory } from "../modules/imports/components/ImportHistory.js";
import { ImportWizard } from "../modules/imports/components/ImportWizard.js";
import { UploadForm } from "../modules/imports/components/UploadForm.js";
import { PageHeader } from "../ui/PageHeader.js";

/** Loading staff and organisations from spreadsheets: upload, map columns, check, load; and the history. */
export function ImportsPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") === "history" ? "history" : "file";
  const id = Number(params.get("id"));
  const importId = Number.isInteger(id) && id > 0 ? id : null;

  const go = (next: { tab?: string; id?: number | null }) =>
    setParams(() => {
      const p = new URLSearchParams();
      if (next.tab === "history") p.set("tab", "history");
      if (next.id) p.set("id", String(next.id));
      return p;
    });

  return (
    <>
      <PageHeader
        title="Загрузка из Excel"
        description={
          me.role === "org_coordinator"
            ? "Педагоги вашей организации и их курсы из файла .xlsx или .csv"
            : "Педагоги, организации и курсы повышения квалификации из файлов .xlsx и .csv: сопоставление столбцов, проверка, загрузка и её отмена"
        }
      />
      <Tabs value={tab} onChange={(v) => go({ tab: v ?? "file", id: importId })}>
        <Tabs.List mb="md">
          <Tabs.Tab value="file">Загрузка файла</Tabs.Tab>
          <Tabs.Tab value="history">История загрузок</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="file">
          {importId ? (
            <ImportWizard key={importId} id={importId} onRestart={() => go({})} />
          ) : (
            <UploadForm me={me} onUploaded={(d) => go({ id: d.id })} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="history">{tab === "history" ? <ImportHistory /> : null}</Tabs.Panel>
      </Tabs>
    </>
  );
}
