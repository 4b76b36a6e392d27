import { notifications } from "@mantine/notifications";
import { errorMessage } from "../api/client.js";

export function notifySuccess(message: string) {
  notifications.show({ color: "teal", message, autoClose: 3000 });
}

export function notifyError(error: unknown, title = "Не удалось выполнить действие") {
  notifications.show({ color: "red", title, message: errorMessage(error), autoClose: 8000 });
}
