import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireActor } from "../../app.js";
import { authorize, tenantOf } from "../../auth/policies.js";
import { AppError } from "../../errors.js";
import { IdParams } from "../../params.js";
import { UserInput } from "../../../shared/schemas.js";
import { createUser, listUsers, updateUser } from "./service.js";

const tags = ["users"];

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get("/", { schema: { tags, summary: "Пользователи муниципалитета" } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, "users.manage");
    return { items: await listUsers(db, tenantOf(actor)) };
  });

  app.post("/", { schema: { tags, summary: "Создать пользователя", body: UserInput } }, async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, "users.manage");
    const { password, ...input } = request.body;
    if (!password) throw new AppError("validation", "Задайте пароль (не короче 8 символов)", [{ field: "password", message: "Задайте пароль" }]);
    if (input.role === "region_viewer") {
      throw new AppError("validation", "Наблюдателя региона создают командой metodist user create", [{ field: "role", message: "Роль не подходит" }]);
    }
    const user = await createUser(db, { actor, municipalityId: tenantOf(actor), input: { ...input, password } });
    return reply.status(201).send(user);
  });

  app.put(
    "/:id",
    { schema: { tags, summary: "Изменить пользователя", params: IdParams, body: UserInput } },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, "users.manage");
      return updateUser(db, { actor, municipalityId: tenantOf(actor), userId: request.params.id, input: request.body });
    },
  );
};
