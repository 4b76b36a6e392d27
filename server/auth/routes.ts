import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { LoginInput, PasswordChangeInput } from "../../shared/schemas.js";
import { requireActor } from "../app.js";
import type { Config } from "../config.js";
import { login, logout, SESSION_COOKIE } from "./sessions.js";
import { presentActor } from "./presenter.js";
import { changeOwnPassword } from "./password.js";

/** Hands the browser its session cookie (login, first-run set-up). */
export function setSessionCookie(reply: FastifyReply, config: Config, session: { token: string; expiresAt: Date }) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: config.cookieSecure,
    expires: session.expiresAt,
  });
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/login",
    { schema: { tags: ["auth"], summary: "Вход по логину и паролю", body: LoginInput, security: [] } },
    async (request, reply) => {
      const session = await login(app.database.db, app.config, { ...request.body, ip: request.ip });
      setSessionCookie(reply, app.config, session);
      return { user: await presentActor(app.database.db, session.actor) };
    },
  );

  app.post("/logout", { schema: { tags: ["auth"], summary: "Выход" } }, async (request, reply) => {
    await logout(app.database.db, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true };
  });

  app.post(
    "/password",
    { schema: { tags: ["auth"], summary: "Сменить свой пароль (в том числе временный)", body: PasswordChangeInput } },
    async (request) => {
      const actor = requireActor(request);
      await changeOwnPassword(app.database.db, app.config, {
        actor,
        input: request.body,
        ip: request.ip,
        keepToken: request.cookies[SESSION_COOKIE],
      });
      return { user: await presentActor(app.database.db, { ...actor, mustChangePassword: false }) };
    },
  );

  app.get("/me", { schema: { tags: ["auth"], summary: "Текущий пользователь" } }, async (request) => {
    return { user: await presentActor(app.database.db, requireActor(request)) };
  });
};
