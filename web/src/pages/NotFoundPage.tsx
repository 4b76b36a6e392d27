import { Alert, Anchor } from "@mantine/core";
import { Link } from "react-router-dom";

export function NotFoundPage() {
  return (
    <Alert color="yellow" title="Страница не найдена">
      Такой страницы нет. <Anchor component={Link} to="/">Перейти на главную</Anchor>
    </Alert>
  );
}
