package io.noseid.gateway.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Row counts of the gateway's tables, to prove that a refused request stored nothing. */
public final class Rows {

    private Rows() {
    }

    public static Map<String, Long> counts(DataSource ds) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : new String[]{"job", "photo", "owner", "dog", "outbox"}) {
            counts.put(table, count(ds, "SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }

    public static long count(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
