// `metodist municipality create`: the command's work and its report, apart from argument parsing
// so that tests run it without a child process.
import type { Db } from "../db/client.js";
import { createMunicipality, type CreatedMunicipality } from "../modules/municipalities/service.js";

export type MunicipalityCreateArgs = { code: string; name: string; region?: string; admin?: string; adminName?: string };

/** Creates the municipality (and its first admin with a one-time password); returns the lines to print. */
export async function municipalityCreateCommand(db: Db, args: MunicipalityCreateArgs): Promise<{ created: CreatedMunicipality; lines: string[] }> {
  const created = await createMunicipality(db, {
    code: args.code,
    name: args.name,
    regionCode: args.region,
    admin: args.admin ? { login: args.admin, fullName: args.adminName } : undefined,
  });
  const { municipality: m, counts: c, admin } = created;
  const lines = [
    `Создан муниципалитет ${m.code} «${m.name}» (id ${m.id}, регион ${m.regionCode}).`,
    `Справочники: должностей ${c.positions} (других написаний ${c.positionAliases}), предметов ${c.subjects} ` +
      `(других написаний ${c.subjectAliases}), организаций ДПО ${c.providers} (других написаний ${c.providerAliases}).`,
  ];
  if (admin) {
    lines.push(
      `Администратор муниципалитета: логин ${admin.login}`,
      `Одноразовый пароль: ${admin.oneTimePassword}`,
      "Его нужно сменить при первом входе; сохраните или передайте его администратору — больше он нигде не показывается.",
    );
  } else {
    lines.push(`Первого администратора создайте командой: metodist user create --municipality ${m.code} --role municipal_admin …`);
  }
  return { created, lines };
}
