import { Tabs } from "@mantine/core";
import { useSearchParams } from "react-router-dom";
import type { ReferenceKind } from "../api/types.js";
import { ReferenceTable } from "../modules/references/components/ReferenceTable.js";
import { RequisitesSection } from "../modules/municipality/components/RequisitesSection.js";
import { PageHeader } from "../ui/PageHeader.js";

export function ReferencesPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get("tab");
  const tab: ReferenceKind | "requisites" = requested === "subjects" || requested === "requisites" ? requested : "positions";
  return (
    <>
      <PageHeader title="Справочники" description="Значения, которые выбирают в карточках педагогов, и их другие написания — по ним узнаются значения при загрузке из Excel. Неиспользуемые значения убирайте в архив." />
      <Tabs value={tab} onChange={(v) => setParams(v === "subjects" || v === "requisites" ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="positions">Должности</Tabs.Tab>
          <Tabs.Tab value="subjects">Предметы</Tabs.Tab>
          <Tabs.Tab value="requisites">Реквизиты</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="positions">
          <ReferenceTable kind="positions" />
        </Tabs.Panel>
        <Tabs.Panel value="subjects">
          <ReferenceTable kind="subjects" />
        </Tabs.Panel>
        <Tabs.Panel value="requisites">
          <RequisitesSection />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
