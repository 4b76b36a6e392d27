import { createTheme } from "@mantine/core";

export const theme = createTheme({
  primaryColor: "blue",
  defaultRadius: "sm",
  fontFamily: "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  components: {
    Table: { defaultProps: { verticalSpacing: "xs", highlightOnHover: true } },
    // Russian words in capitals read as shouting and get long: badges keep their case.
    Badge: { styles: { root: { textTransform: "none", flexShrink: 0 } } },
  },
});
