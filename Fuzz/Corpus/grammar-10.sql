SELECT ?, ?2, :app, @app, $app, X'CAFE', 0x1F, 1.5e-3, .5
