import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { LoginInput } from "../../shared/schemas.js";
import { requireActor } from "../app.js";
import { login, logout, SESSION_COOKIE } from "./sessions.js";
import { presentActor } from "./presenter.js";

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/login",
    { schema: { tags: ["auth"], summary: "Вход по логину и паролю", body: LoginInput, security: [] } },
    async (request, reply) => {
      const session = await login(app.database.db, app.config, { ...request.body, ip: request.ip });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: app.config.cookieSecure,
        expires: session.expiresAt,
      });
      return { user: await presentActor(app.database.db, session.actor) };
    },
  );

  app.post("/logout", { schema: { tags: ["auth"], summary: "Выход" } }, async (request, reply) => {
    await logout(app.database.db, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true };
  });

  app.get("/me", { schema: { tags: ["auth"], summary: "Текущий пользователь" } }, async (request) => {
    return { user: await presentActor(app.database.db, requireActor(request)) };
  });
};
