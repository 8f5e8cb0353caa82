"""Loading a school's assurance records for the page asking: another school's is a 404."""

from accounts.access import for_school

from ..models import FilteringRecord, Risk, RiskAssessment, SelfAssessment


def risk_assessment(request, pk):
    return for_school(request, RiskAssessment.objects.select_related("completed_by", "successor"), pk=pk)


def risk(request, pk):
    return for_school(request, Risk.objects.select_related("assessment", "lead"), pk=pk)


def self_assessment(request, pk):
    return for_school(request, SelfAssessment, pk=pk)


def filtering_record(request, pk):
    return for_school(request, FilteringRecord.objects.select_related("senior_leader", "governor"), pk=pk)
