package io.innopoints.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.json.AvroJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One valid example event per event type in the plain JSON form, used by the OpenAPI document and the README (a
 * test checks that each passes validation, so the documentation cannot drift from the rules).
 */
public final class Examples {
    private Examples() {
    }

    public static String json(EventType type) {
        return switch (type) {
            case REGISTRATIONS -> """
                    {"eventId":"reg-2025-000001","eventTime":"2025-06-01T08:00:00Z","provider":"enterprise-registry",\
                    "creditCode":"91110108MA01ABCDEN","retractsEventId":null,"name":"北京创新科技有限公司","zone":"ZONE-A",\
                    "industry":"I65","foundedDate":"2019-03-01","status":"ACTIVE","registeredCapitalFen":100000000}""";
            case PATENTS -> """
                    {"eventId":"pat-2025-000001","eventTime":"2025-06-01T08:00:00Z","provider":"patent-office",\
                    "creditCode":"91110108MA01ABCDEN","retractsEventId":null,"patentNumber":"CN202310123456.7",\
                    "patentType":"INVENTION","action":"GRANTED","actionDate":"2025-05-20","title":"一种数据处理方法"}""";
            case TECH_CONTRACTS -> """
                    {"eventId":"tc-2025-000001","eventTime":"2025-06-01T08:00:00Z","provider":"tech-contract-registry",\
                    "creditCode":"91110108MA01ABCDEN","retractsEventId":null,"contractId":"2025110000001",\
                    "action":"REGISTERED","role":"SELLER","contractType":"DEVELOPMENT","amountFen":5000000,\
                    "registrationDate":"2025-05-02","counterpartyName":"上海某某研究院"}""";
            case TAX_FILINGS -> """
                    {"eventId":"tax-2024-ANNUAL-000001","eventTime":"2025-04-01T02:00:00Z","provider":"tax-bureau",\
                    "creditCode":"91110108MA01ABCDEN","retractsEventId":null,"fiscalYear":2024,"period":"ANNUAL",\
                    "filingDate":"2025-03-31","revenueFen":1200000000,"rdExpenseFen":96000000,"taxesPaidFen":45000000,\
                    "netProfitFen":-3000000,"employees":58,"rdStaff":17,"highLevelTalent":3}""";
            case CREDENTIALS -> """
                    {"eventId":"cred-2025-000001","eventTime":"2025-01-10T03:00:00Z","provider":"qualification-registry",\
                    "creditCode":"91110108MA01ABCDEN","retractsEventId":null,"credentialId":"GR202511000123",\
                    "category":"QUALIFICATION","kind":"HIGH_TECH_ENTERPRISE","level":"NATIONAL","action":"GRANTED",\
                    "validFrom":"2025-01-01","validUntil":"2028-01-01","grade":null,"amountFen":null,"equitySharePercent":null}""";
        };
    }

    public static JsonNode node(EventType type) {
        try {
            return AvroJson.mapper().readTree(json(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
