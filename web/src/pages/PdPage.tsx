import { Tabs } from "@mantine/core";
import { useSearchParams } from "react-router-dom";
import { useCurrentUser } from "../modules/auth/hooks/useMe.js";
import { isAdmin } from "../modules/auth/permissions.js";
import { ManagementTab } from "../modules/pd/components/ManagementTab.js";
import { PlanTab } from "../modules/pd/components/PlanTab.js";
import { ProvidersTab } from "../modules/pd/components/ProvidersTab.js";
import { RemindersTab } from "../modules/pd/components/RemindersTab.js";
import { ReportTab } from "../modules/pd/components/ReportTab.js";
import { RetrainingTab } from "../modules/pd/components/RetrainingTab.js";
import { RuleTab } from "../modules/pd/components/RuleTab.js";
import { SettingsTab } from "../modules/pd/components/SettingsTab.js";
import { PageHeader } from "../ui/PageHeader.js";

type Tab = { value: string; label: string; adminOnly?: boolean };
const TABS: Tab[] = [
  { value: "rule", label: "Правило трёх лет" },
  { value: "reminders", label: "Напоминания" },
  { value: "plan", label: "План на учебный год" },
  { value: "retraining", label: "Переподготовка" },
  { value: "management", label: "Управленческие команды" },
  { value: "providers", label: "Организации ДПО" },
  { value: "report", label: "Отчёт", adminOnly: true },
  { value: "settings", label: "Настройки", adminOnly: true },
];

/** «Курсы ПК»: the three-year rule, reminders, the plan and requests, needs, providers, the report. */
export function PdPage() {
  const me = useCurrentUser();
  const admin = isAdmin(me);
  const [params, setParams] = useSearchParams();
  const tabs = TABS.filter((t) => admin || !t.adminOnly);
  const tab = tabs.find((t) => t.value === params.get("tab"))?.value ?? "rule";

  return (
    <>
      <PageHeader
        title="Курсы повышения квалификации"
        description={
          me.role === "org_coordinator" && me.organizationName
            ? `${me.organizationName}: кому нужны курсы, заявка на учебный год, переподготовка`
            : "Правило трёх лет, план и заявки организаций, переподготовка, организации ДПО и отчёт за год"
        }
      />
      {/* Each tab keeps its own filters in the URL; changing the tab starts from its defaults. */}
      <Tabs value={tab} onChange={(v) => setParams(v && v !== "rule" ? { tab: v } : {}, { replace: false })} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="rule">
          <RuleTab me={me} />
        </Tabs.Panel>
        <Tabs.Panel value="reminders">
          <RemindersTab showOrganization={admin} />
        </Tabs.Panel>
        <Tabs.Panel value="plan">
          <PlanTab me={me} />
        </Tabs.Panel>
        <Tabs.Panel value="retraining">
          <RetrainingTab />
        </Tabs.Panel>
        <Tabs.Panel value="management">
          <ManagementTab />
        </Tabs.Panel>
        <Tabs.Panel value="providers">
          <ProvidersTab editable={admin} />
        </Tabs.Panel>
        {admin ? (
          <Tabs.Panel value="report">
            <ReportTab />
          </Tabs.Panel>
        ) : null}
        {admin ? (
          <Tabs.Panel value="settings">
            <SettingsTab />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </>
  );
}
