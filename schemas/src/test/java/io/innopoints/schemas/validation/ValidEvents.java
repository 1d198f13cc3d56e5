package io.innopoints.schemas.validation;

import io.innopoints.schemas.CreditCode;
import io.innopoints.schemas.event.ContractAction;
import io.innopoints.schemas.event.ContractRole;
import io.innopoints.schemas.event.ContractType;
import io.innopoints.schemas.event.CredentialAction;
import io.innopoints.schemas.event.CredentialCategory;
import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.CredentialLevel;
import io.innopoints.schemas.event.EnterpriseRegistration;
import io.innopoints.schemas.event.EnterpriseStatus;
import io.innopoints.schemas.event.FiscalPeriod;
import io.innopoints.schemas.event.PatentAction;
import io.innopoints.schemas.event.PatentEvent;
import io.innopoints.schemas.event.PatentType;
import io.innopoints.schemas.event.TaxFilingEvent;
import io.innopoints.schemas.event.TechContractEvent;
import java.time.Instant;
import java.time.LocalDate;

/** One valid event of each type, as of {@link #NOW}, for tests to break one field at a time. */
final class ValidEvents {
    static final Instant NOW = Instant.parse("2025-06-15T04:00:00Z");
    static final String CODE = CreditCode.complete("91110108MA01ABCDE");
    static final Instant TIME = Instant.parse("2025-06-01T08:00:00Z");

    private ValidEvents() {
    }

    static EnterpriseRegistration.Builder registration() {
        return EnterpriseRegistration.newBuilder().setEventId("reg-1").setEventTime(TIME).setProvider("enterprise-registry")
                .setCreditCode(CODE).setName("北京创新科技有限公司").setZone("ZONE-A").setIndustry("I65")
                .setFoundedDate(LocalDate.of(2019, 3, 1)).setStatus(EnterpriseStatus.ACTIVE).setRegisteredCapitalFen(100_000_000L);
    }

    static PatentEvent.Builder patent() {
        return PatentEvent.newBuilder().setEventId("pat-1").setEventTime(TIME).setProvider("patent-office").setCreditCode(CODE)
                .setPatentNumber("CN202310123456.7").setPatentType(PatentType.INVENTION).setAction(PatentAction.GRANTED)
                .setActionDate(LocalDate.of(2025, 5, 20)).setTitle("A method");
    }

    static TechContractEvent.Builder contract() {
        return TechContractEvent.newBuilder().setEventId("tc-1").setEventTime(TIME).setProvider("tech-contract-registry")
                .setCreditCode(CODE).setContractId("2025110000001").setAction(ContractAction.REGISTERED)
                .setRole(ContractRole.SELLER).setContractType(ContractType.DEVELOPMENT).setAmountFen(5_000_000L)
                .setRegistrationDate(LocalDate.of(2025, 5, 2));
    }

    static TaxFilingEvent.Builder taxFiling() {
        return TaxFilingEvent.newBuilder().setEventId("tax-1").setEventTime(TIME).setProvider("tax-bureau").setCreditCode(CODE)
                .setFiscalYear(2024).setPeriod(FiscalPeriod.ANNUAL).setFilingDate(LocalDate.of(2025, 3, 31))
                .setRevenueFen(1_000_000_00L).setRdExpenseFen(10_000_00L).setTaxesPaidFen(5_000_00L).setNetProfitFen(-2_000_00L)
                .setEmployees(50).setRdStaff(10).setHighLevelTalent(2);
    }

    static CredentialEvent.Builder credential() {
        return CredentialEvent.newBuilder().setEventId("cred-1").setEventTime(TIME).setProvider("qualification-registry")
                .setCreditCode(CODE).setCredentialId("GR202511000123").setCategory(CredentialCategory.QUALIFICATION)
                .setKind("HIGH_TECH_ENTERPRISE").setLevel(CredentialLevel.NATIONAL).setAction(CredentialAction.GRANTED)
                .setValidFrom(LocalDate.of(2025, 1, 1)).setValidUntil(LocalDate.of(2028, 1, 1)).setGrade(null)
                .setAmountFen(null).setEquitySharePercent(null);
    }
}
