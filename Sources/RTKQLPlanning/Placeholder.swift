enum PlanningPlaceholder {}
