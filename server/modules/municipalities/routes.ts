import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../app.js";
import { authorize, tenantOf } from "../../auth/policies.js";
import { openSession } from "../../auth/sessions.js";
import { presentActor } from "../../auth/presenter.js";
import { setSessionCookie } from "../../auth/routes.js";
import { AppError } from "../../errors.js";
import { MunicipalityUpdateInput, SetupInput } from "../../../shared/schemas.js";
import { createMunicipality, getMunicipality, isSetupNeeded, updateMunicipality } from "./service.js";

/**
 * The first-run set-up of an empty installation: open to anyone while no municipality exists
 * (there is nobody to sign in yet), closed for good afterwards.
 */
export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get("/", { schema: { tags: ["setup"], summary: "Нужна ли первоначальная настройка", security: [] } }, async () => ({
    needed: await isSetupNeeded(db),
  }));

  app.post(
    "/",
    { schema: { tags: ["setup"], summary: "Первоначальная настройка: муниципалитет и его администратор", body: SetupInput, security: [] } },
    async (request, reply) => {
      const { municipality, admin } = request.body;
      const { code, name, regionCode, ...requisites } = municipality;
      if (!(await isSetupNeeded(db))) throw new AppError("conflict", "Первоначальная настройка уже выполнена: войдите в систему");
      const created = await createMunicipality(db, {
        code,
        name,
        regionCode,
        requisites,
        admin,
        onlyIfFirst: true,
        auditBy: "admin",
      }).catch((err: unknown) => {
        // The set-up form names its fields by group: municipality.code, admin.login.
        if (err instanceof AppError) {
          const prefix = (f: string) => (f.startsWith("admin.") ? f : f === "login" ? "admin.login" : `municipality.${f}`);
          throw new AppError(err.code, err.message, err.details.map((d) => (d.field ? { ...d, field: prefix(d.field) } : d)));
        }
        throw err;
      });
      const user = created.admin;
      if (!user) throw new Error("The set-up always creates an admin");
      const session = await openSession(db, app.config, user.id);
      setSessionCookie(reply, app.config, session);
      const actor = {
        userId: user.id,
        login: user.login,
        fullName: user.fullName,
        role: "municipal_admin" as const,
        municipalityId: created.municipality.id,
        regionCode: null,
        organizationId: null,
        personId: null,
        mustChangePassword: false,
      };
      return reply.status(201).send({ user: await presentActor(db, actor), counts: created.counts });
    },
  );
};

/** The admin's own municipality: name and requisites for documents. */
export const municipalityRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const tags = ["municipality"];

  app.get("/", { schema: { tags, summary: "Муниципалитет и его реквизиты" } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "municipality.manage");
    return getMunicipality(db, tenantOf(actor));
  });

  app.put("/", { schema: { tags, summary: "Изменить название и реквизиты муниципалитета", body: MunicipalityUpdateInput } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "municipality.manage");
    return updateMunicipality(db, { actor, municipalityId: tenantOf(actor), input: request.body });
  });
};
