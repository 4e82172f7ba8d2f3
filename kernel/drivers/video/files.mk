# Screens: the VGA text screen and the framebuffer console.
shared := 
kernel-only := fbcon.c vga_text.c
