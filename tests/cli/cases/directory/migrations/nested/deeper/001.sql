UPDATE orders SET total = 0;
