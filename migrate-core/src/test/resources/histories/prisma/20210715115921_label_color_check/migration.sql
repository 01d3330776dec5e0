-- Colours are written by the picker as #rrggbb
ALTER TABLE "Label" ADD CONSTRAINT "Label_color_check" CHECK ("color" ~ '^#[0-9a-fA-F]{6}$');
