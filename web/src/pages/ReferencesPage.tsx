import { Tabs } from "@mantine/core";
import { useSearchParams } from "react-router-dom";
import type { ReferenceKind } from "../api/types.js";
import { ReferenceTable } from "../modules/references/components/ReferenceTable.js";
import { PageHeader } from "../ui/PageHeader.js";

export function ReferencesPage() {
  const [params, setParams] = useSearchParams();
  const tab: ReferenceKind = params.get("tab") === "subjects" ? "subjects" : "positions";
  return (
    <>
      <PageHeader title="Справочники" description="Значения, которые выбирают в карточках педагогов. Неиспользуемые значения убирайте в архив." />
      <Tabs value={tab} onChange={(v) => setParams(v === "subjects" ? { tab: "subjects" } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="positions">Должности</Tabs.Tab>
          <Tabs.Tab value="subjects">Предметы</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="positions">
          <ReferenceTable kind="positions" />
        </Tabs.Panel>
        <Tabs.Panel value="subjects">
          <ReferenceTable kind="subjects" />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
