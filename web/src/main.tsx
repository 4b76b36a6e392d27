import "./zod-setup.js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { z } from "zod";
import dayjs from "dayjs";
import "dayjs/locale/ru";
import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "@mantine/notifications/styles.css";
import "./app/global.css";
import { App } from "./app/App.js";

// Generic zod messages of the shared schemas speak Russian, as on the server.
z.config(z.locales.ru());
dayjs.locale("ru");

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
